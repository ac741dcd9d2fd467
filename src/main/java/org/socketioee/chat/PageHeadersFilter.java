package org.socketioee.chat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defences in depth for the chat page: every response carries the headers given as this filter's init-params
 * (name = header, value = its value), declared in web.xml where a deployer sees and adapts them — the
 * Content-Security-Policy that lets the page load and connect to nothing but its own origin, and
 * {@code X-Content-Type-Options: nosniff}. Set before the rest of the chain, so they are on errors too.
 */
public class PageHeadersFilter extends HttpFilter {
    private final Map<String, String> headers = new LinkedHashMap<>();

    @Override
    public void init() {
        for (String name : Collections.list(getInitParameterNames())) {
            headers.put(name, getInitParameter(name));
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        headers.forEach(response::setHeader);
        chain.doFilter(request, response);
    }
}
