package org.socketioee.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * README.md's fenced code blocks, for the tests that run what the README tells a reader to do: each such block
 * follows an HTML comment (invisible on the rendered page) that names the test.
 */
public final class Readme {
    private Readme() {
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    public static String text() {
        try {
            return Files.readString(projectDir().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced block of {@code language} on the line after the HTML comment starting with {@code marker}. */
    public static String block(String marker, String language) {
        String readme = text();
        int at = readme.indexOf("<!-- " + marker);
        if (at < 0) {
            throw new AssertionError("README.md has no <!-- " + marker + " comment");
        }
        int start = readme.indexOf("\n", at) + 1;
        String fence = "```" + language + "\n";
        if (!readme.startsWith(fence, start)) {
            throw new AssertionError("README.md: no ```" + language + " block right after <!-- " + marker);
        }
        start += fence.length();
        return readme.substring(start, readme.indexOf("```\n", start));
    }
}
