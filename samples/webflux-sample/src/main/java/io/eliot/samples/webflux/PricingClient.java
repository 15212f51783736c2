package io.eliot.samples.webflux;

import io.eliot.annotations.LoggedAction;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks the pricing endpoint for a unit price over HTTP. Here it is this service's own endpoint; in
 * real life another service. The WebClient comes from Spring Boot's builder, so Eliot's starter
 * adds the x-eliot-task-id header and logs the call.
 */
@Component
public class PricingClient {

    private final WebClient.Builder builder;
    private final Environment environment;

    public PricingClient(WebClient.Builder builder, Environment environment) {
        this.builder = builder;
        this.environment = environment;
    }

    @LoggedAction("pricing:unit_price")
    public Mono<Long> unitPriceCents(String sku) {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        return builder.baseUrl(base)
                .build()
                .get()
                .uri("/prices/{sku}", sku)
                .retrieve()
                .onStatus(
                        status -> status.value() == HttpStatus.NOT_FOUND.value(),
                        response -> response.releaseBody().then(Mono.error(new UnknownSkuException(sku))))
                .bodyToMono(Long.class);
    }
}
