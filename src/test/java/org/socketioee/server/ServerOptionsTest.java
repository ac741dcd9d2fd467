package org.socketioee.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.socketioee.adapter.Adapter;
import org.socketioee.adapter.AdapterNamespace;
import org.socketioee.adapter.InMemoryAdapter;
import org.socketioee.adapter.RecoveryOptions;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each {@code with…} changes its own component and keeps every other one. */
class ServerOptionsTest {
    static final Function<AdapterNamespace, Adapter> FACTORY = nsp -> new InMemoryAdapter(nsp, null);
    static final Function<AdapterNamespace, Adapter> OTHER_FACTORY = nsp -> new InMemoryAdapter(nsp, null);
    static final RecoveryOptions RECOVERY = new RecoveryOptions(Duration.ofSeconds(7), true, 5);
    /** No component at its default, so a with… that resets one is seen. */
    static final ServerOptions ALL_SET = new ServerOptions(Duration.ofSeconds(3), RECOVERY, 7, 9, FACTORY);

    static Stream<Arguments> withMethods() {
        return Stream.of(
                with("connectTimeout", o -> o.withConnectTimeout(Duration.ofMillis(1)), Duration.ofMillis(1)),
                with("recovery", o -> o.withRecovery(null), null),
                with("maxAttachments", o -> o.withMaxAttachments(1), 1),
                with("maxPendingAcks", o -> o.withMaxPendingAcks(2), 2),
                with("adapterFactory", o -> o.withAdapter(OTHER_FACTORY), OTHER_FACTORY));
    }

    static Arguments with(String component, UnaryOperator<ServerOptions> with, Object value) {
        return Arguments.of(component, with, value);
    }

    @ParameterizedTest(name = "with {0}")
    @MethodSource("withMethods")
    void eachWithChangesItsOwnComponentOnly(String component, UnaryOperator<ServerOptions> with, Object value)
            throws Exception {
        ServerOptions changed = with.apply(ALL_SET);
        for (RecordComponent c : ServerOptions.class.getRecordComponents()) {
            Object after = c.getAccessor().invoke(changed);
            if (c.getName().equals(component)) {
                assertThat(after).as(c.getName()).isEqualTo(value);
            } else {
                assertThat(after).as(c.getName()).isEqualTo(c.getAccessor().invoke(ALL_SET));
            }
        }
        assertThat(withMethods().map(a -> a.get()[0]))
                .containsExactlyInAnyOrder(Stream.of(ServerOptions.class.getRecordComponents())
                        .map(RecordComponent::getName).toArray()); // one with… per component, all tested
    }

    @Test
    void anAdapterFactoryChosenFirstSurvivesTheOtherWiths() {
        ServerOptions o = ServerOptions.defaults().withAdapter(FACTORY).withRecovery(RECOVERY)
                .withConnectTimeout(Duration.ofSeconds(1));
        assertThat(o.adapterFactory()).isSameAs(FACTORY);
    }
}
