package org.socketioee.engine.parser;

/** Raised for bytes that are not an Engine.IO packet; the session that sent them closes with "parse error". */
public class EngineParseException extends Exception {
    public EngineParseException(String message) {
        super(message);
    }
}
