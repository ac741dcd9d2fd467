package org.socketioee.examples;

import jakarta.servlet.ServletContext;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineServer;
import org.socketioee.server.SocketIoConfigurer;
import org.socketioee.server.SocketIoServer;

import java.lang.System.Logger.Level;

/**
 * Installs the example handler sets of a launch, chosen by the system property {@code socketioee.launch} (set by
 * the Maven profiles). Without it nothing is installed.
 * <ul>
 *   <li>{@code conformance}: the reference servers of the protocol test suites: {@link ConformanceHandlers} on the
 *   Socket.IO server and an Engine.IO echo server at {@code /engine.io/} with the main server's options;</li>
 *   <li>{@code bench}: {@link BenchHandlers}.</li>
 * </ul>
 */
public class ExampleLaunches implements SocketIoConfigurer {
    private static final System.Logger LOG = System.getLogger(ExampleLaunches.class.getName());

    @Override
    public void configure(SocketIoServer io, ServletContext ctx) {
        String launch = System.getProperty("socketioee.launch", "");
        switch (launch) {
            case "conformance" -> {
                ConformanceHandlers.install(io);
                EngineServer echo = new EngineServer(EngineOptions.load(ctx).withPath("/engine.io/"));
                EngineEcho.install(echo);
                echo.attach(ctx);
                ctx.addListener(new jakarta.servlet.ServletContextListener() {
                    @Override
                    public void contextDestroyed(jakarta.servlet.ServletContextEvent e) {
                        echo.shutdown();
                    }
                });
                LOG.log(Level.INFO, "conformance launch: Socket.IO reference handlers, Engine.IO echo at /engine.io/");
            }
            case "bench" -> {
                BenchHandlers.install(io);
                LOG.log(Level.INFO, "bench launch: join / broadcast / echo handlers");
            }
            default -> {
            }
        }
    }
}
