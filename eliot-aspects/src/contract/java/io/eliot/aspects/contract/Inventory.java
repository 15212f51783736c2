package io.eliot.aspects.contract;

import io.eliot.annotations.LogMessage;
import io.eliot.annotations.LoggedAction;

/** Annotated at type level: each public method is an action, except the excluded kinds. */
@LoggedAction
public class Inventory {

    private String name = "main";

    public int count(String sku) {
        return sku.length();
    }

    @LoggedAction("inventory:restock")
    public int restock(String sku, int quantity) {
        return quantity;
    }

    @LogMessage("inventory:looked")
    public void look(String sku) {}

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return "Inventory[" + name + "]";
    }

    int packagePrivate() {
        return 1;
    }
}
