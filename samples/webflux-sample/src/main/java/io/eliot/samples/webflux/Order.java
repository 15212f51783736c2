package io.eliot.samples.webflux;

/** An order: what was bought, how many, at what total price (in cents). */
public record Order(long id, String sku, int quantity, long totalCents) {}
