/** Eliot's annotations: {@code @LoggedAction}, {@code @LogMessage} and field controls. No dependencies. */
module io.eliot.annotations {
    exports io.eliot.annotations;
}
