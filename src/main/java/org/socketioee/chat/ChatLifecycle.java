package org.socketioee.chat;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** Stops the chat's database threads with the web application. */
@WebListener
public class ChatLifecycle implements ServletContextListener {
    @Override
    public void contextDestroyed(ServletContextEvent sce) {
        for (ChatNamespace chat : ChatNamespace.INSTANCES) {
            chat.close();
        }
    }
}
