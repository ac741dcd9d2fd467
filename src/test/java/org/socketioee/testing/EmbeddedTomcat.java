package org.socketioee.testing;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An in-JVM Tomcat on a free port hosting the real servlet and endpoint classes of one {@link EngineServer}.
 * The WebSocket container is installed first, as in a real Tomcat, then the engine attaches to the context.
 * <p>
 * {@code -Dtest.websocket=endpoint} (or {@code upgrade}) puts every server of the run on that WebSocket transport,
 * except those a test {@linkplain #startPinned pins} to one (tests of one transport's own behaviour, or run on each).
 * (Not {@code socketio.websocket}: that one also changes what {@code EngineOptions.load} reads, which the options' own
 * tests check.) {@link WebappTomcat} and {@link ForkedWebapp} follow it too.
 */
public final class EmbeddedTomcat extends TestTomcat {
    private final EngineServer engine;

    private EmbeddedTomcat(Tomcat tomcat, EngineServer engine, Path baseDir) {
        super(tomcat, baseDir);
        this.engine = engine;
    }

    public static EmbeddedTomcat start(EngineOptions options) {
        return start(options, e -> { });
    }

    /** Starts Tomcat with an engine for {@code options}; {@code setup} runs before the first request can. */
    public static EmbeddedTomcat start(EngineOptions options, Consumer<EngineServer> setup) {
        return start(options, 0, setup);
    }

    /** As {@link #start(EngineOptions, Consumer)} on a given port (0: a free one), e.g. to restart a server. */
    public static EmbeddedTomcat start(EngineOptions options, int port, Consumer<EngineServer> setup) {
        return start(options, port, setup, connector -> { });
    }

    /** As {@link #start(EngineOptions, int, Consumer)}, with {@code connector} adjusting the connector (e.g. TLS). */
    public static EmbeddedTomcat start(EngineOptions options, int port, Consumer<EngineServer> setup,
                                       Consumer<Connector> connector) {
        return start(options, port, setup, connector, context -> { });
    }

    /** As above, with {@code context} adding to the web application (e.g. a filter) before it starts. */
    public static EmbeddedTomcat start(EngineOptions options, int port, Consumer<EngineServer> setup,
                                       Consumer<Connector> connector, Consumer<Context> context) {
        EngineOptions run = forcedWebSocket().map(options::withWebSocket).orElse(options);
        return startAsGiven(run, port, setup, connector, context);
    }

    /**
     * As {@link #start(EngineOptions, Consumer)}, on the WebSocket transport {@code options} name whatever
     * {@code -Dtest.websocket} says: for tests of one transport (RFC 6455 conformance of our own framing) and
     * tests run once on each.
     */
    public static EmbeddedTomcat startPinned(EngineOptions options, Consumer<EngineServer> setup) {
        return startAsGiven(options, 0, setup, connector -> { }, context -> { });
    }

    private static EmbeddedTomcat startAsGiven(EngineOptions options, int port, Consumer<EngineServer> setup,
                                               Consumer<Connector> connector, Consumer<Context> context) {
        try {
            Path base = Files.createTempDirectory("tomcat-test");
            Tomcat tomcat = create(base, port);
            connector.accept(tomcat.getConnector());
            Context ctx = tomcat.addContext("", base.toString());
            EngineServer engine = new EngineServer(options);
            setup.accept(engine);
            ctx.addServletContainerInitializer(new WsSci(), null);
            ctx.addServletContainerInitializer((classes, servletContext) -> engine.attach(servletContext), null);
            context.accept(ctx);
            tomcat.start();
            return new EmbeddedTomcat(tomcat, engine, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    public EngineServer engine() {
        return engine;
    }

    /** The web application's servlet context, as the engine got it. */
    public jakarta.servlet.ServletContext servletContext() {
        return ((Context) tomcat.getHost().findChild("")).getServletContext();
    }

    @Override
    protected void beforeStop() {
        engine.shutdown();
    }
}
