/**
 * Tasks across HTTP for Spring applications, with or without Boot: the servlet request filter and
 * the RestClient/RestTemplate and WebClient interceptors. The application brings its Spring modules.
 */
module io.eliot.spring.web {
    requires transitive io.eliot.core;
    requires static spring.core;
    requires static spring.web;
    requires static spring.webmvc;
    requires static spring.webflux;
    requires static jakarta.servlet;
    requires static reactor.core;
    requires static org.reactivestreams;

    exports io.eliot.spring.web;
}
