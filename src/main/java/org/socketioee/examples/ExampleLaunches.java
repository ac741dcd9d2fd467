package org.socketioee.examples;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.socketioee.engine.EngineOptions;
import org.socketioee.engine.EngineServer;

import java.lang.System.Logger.Level;

/**
 * Installs the example handler sets of a launch, chosen by the system property {@code socketioee.launch}
 * (set by the Maven profiles). Without it this listener does nothing.
 * <ul>
 *   <li>{@code conformance}: the reference server of the protocol test suites: an Engine.IO echo server at
 *   {@code /engine.io/} with the main server's options.</li>
 * </ul>
 */
@WebListener
public class ExampleLaunches implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(ExampleLaunches.class.getName());
    private EngineServer echo;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String launch = System.getProperty("socketioee.launch", "");
        if (!"conformance".equals(launch)) {
            return;
        }
        ServletContext ctx = event.getServletContext();
        EngineOptions options = EngineOptions.load(ctx::getInitParameter).withPath("/engine.io/");
        echo = new EngineServer(options);
        EngineEcho.install(echo);
        echo.attach(ctx);
        LOG.log(Level.INFO, "conformance launch: Engine.IO echo server at /engine.io/");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (echo != null) {
            echo.shutdown();
        }
    }
}
