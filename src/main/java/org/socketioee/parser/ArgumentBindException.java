package org.socketioee.parser;

/**
 * An event argument whose JSON does not fit the Java type it is bound to. Its message names the place and what
 * was expected, in JSON's terms ({@code text: expected a string, got a number}), and is safe to send back to the
 * client that sent the value: it holds no Java class name of the framework and no JSON-B text.
 */
public final class ArgumentBindException extends RuntimeException {
    public ArgumentBindException(String message) {
        super(message, null, false, false); // a client's mistake: no stack trace to fill
    }
}
