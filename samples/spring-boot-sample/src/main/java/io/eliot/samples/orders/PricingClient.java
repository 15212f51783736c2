package io.eliot.samples.orders;

import io.eliot.annotations.LoggedAction;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks the pricing endpoint for a unit price over HTTP. Here it is this service's own endpoint; in
 * real life another service. The RestClient comes from Spring Boot's builder, so Eliot's starter
 * adds the x-eliot-task-id header and logs the call.
 */
@Component
public class PricingClient {

    private final RestClient.Builder builder;
    private final Environment environment;

    public PricingClient(RestClient.Builder builder, Environment environment) {
        this.builder = builder;
        this.environment = environment;
    }

    @LoggedAction("pricing:unit_price")
    public long unitPriceCents(String sku) {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        Long cents = builder.baseUrl(base)
                .build()
                .get()
                .uri("/prices/{sku}", sku)
                .retrieve()
                .body(Long.class);
        return cents == null ? 0 : cents;
    }
}
