package org.socketioee.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one label may take, capped: each series costs memory in the registry and in Prometheus, and clients
 * choose event names (and dynamic namespaces' names). The first {@code max} distinct values are kept; later ones
 * read {@value #OTHER}.
 */
final class LabelValues {
    static final String OTHER = "_other";
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final int max;

    LabelValues(int max) {
        this.max = max;
    }

    String of(String value) {
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= max) {
            return OTHER;
        }
        seen.add(value); // two threads may both pass the size check: the cap is approximate, by a few
        return value;
    }
}
