package org.socketioee.engine;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Starts the WAR's main Engine.IO server from the {@code socketio.*} context-params (each overridable by a system
 * property) and publishes it as the context attribute {@link EngineServer#CONTEXT_ATTRIBUTE}, where the layer
 * above finds it. Declared in web.xml.
 */
public class EngineBootstrap implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        EngineServer engine = new EngineServer(EngineOptions.load(ctx));
        engine.attach(ctx);
        ctx.setAttribute(EngineServer.CONTEXT_ATTRIBUTE, engine);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object engine = event.getServletContext().getAttribute(EngineServer.CONTEXT_ATTRIBUTE);
        if (engine instanceof EngineServer e) {
            e.shutdown();
        }
    }
}
