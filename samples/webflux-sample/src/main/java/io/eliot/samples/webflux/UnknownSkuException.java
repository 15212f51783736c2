package io.eliot.samples.webflux;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The pricing endpoint has no price for the SKU: the order cannot be made, answered with 400. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class UnknownSkuException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownSkuException(String sku) {
        super("no price for " + sku);
    }
}
