package org.socketioee.engine;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;

/**
 * {@link EngineWebSocketEndpoint} as a programmatic endpoint, for Tyrus (GlassFish) only: Tyrus registers an
 * annotated class by its annotation alone (path and configurator of {@code @ServerEndpoint}, whatever the
 * {@code ServerEndpointConfig} it is given), and honours the config's path and configurator only for an
 * {@link Endpoint} subclass. See {@link TyrusEndpoints}. Public: Tyrus calls its methods by reflection.
 */
public final class ProgrammaticEngineEndpoint extends Endpoint {
    private final EngineWebSocketEndpoint delegate;

    ProgrammaticEngineEndpoint(EngineWebSocketEndpoint delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        // before onOpen, which may close the session; the delegate ignores parts until its transport is open
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) delegate::onText);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) delegate::onBinary);
        delegate.onOpen(session, config);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        delegate.onClose(session, reason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        delegate.onError(session, error);
    }
}
