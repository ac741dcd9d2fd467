package org.socketioee.chat;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.lang.reflect.Field;

/** Stops the chat's database threads with the web application, and lets go of what the container's driver holds of it. */
@WebListener
public class ChatLifecycle implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(ChatLifecycle.class.getName());

    @Override
    public void contextDestroyed(ServletContextEvent sce) {
        for (ChatNamespace chat : ChatNamespace.INSTANCES) {
            chat.close();
        }
        releaseH2ShutdownHook();
    }

    /**
     * H2, as the container's driver (in Tomcat's lib/), creates one Thread per JVM, its shutdown hook, when it opens
     * its first database, and a Thread keeps the context class loader of the thread that created it. Tomcat opens
     * the pool of context.xml as it starts this application, on this application's loader: H2's static Thread would
     * keep the application in memory after an undeploy (Tomcat's findleaks reports it). Given back to the
     * container's loader here. (The same is done for every application by Tomcat's
     * {@code <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"
     * classesToInitialize="org.h2.engine.OnExitDatabaseCloser"/>} in server.xml.)
     */
    static void releaseH2ShutdownHook() {
        ClassLoader ours = ChatLifecycle.class.getClassLoader();
        ClassLoader container = ours.getParent();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // should H2 not be initialised yet, reading the field below initialises it: with the container's loader
        thread.setContextClassLoader(container);
        try {
            Class<?> closer = Class.forName("org.h2.engine.OnExitDatabaseCloser", false, ours);
            if (closer.getClassLoader() == ours) {
                return; // H2 inside the WAR goes away with it
            }
            Field instance = closer.getDeclaredField("INSTANCE");
            instance.setAccessible(true);
            Thread hook = (Thread) instance.get(null);
            if (hook.getContextClassLoader() == ours) {
                hook.setContextClassLoader(container);
            }
        } catch (ClassNotFoundException e) {
            // no H2 here (PostgreSQL)
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "chat: cannot release H2's shutdown hook thread ({0}): this "
                    + "application may stay in memory after an undeploy", e.toString());
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
