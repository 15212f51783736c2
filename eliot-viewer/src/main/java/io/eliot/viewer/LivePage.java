package io.eliot.viewer;

/** Placeholder with the live page's API until the viewer page (branch issue2x-page) is merged: it replaces this file. */
public final class LivePage {
    private LivePage() {}

    public static String html(String endpointPath) {
        return "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""
                + contentSecurityPolicy() + "\"><title>Eliot live</title></head><body data-endpoint=\""
                + endpointPath + "\">live</body></html>";
    }

    public static String contentSecurityPolicy() {
        return "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'";
    }
}
