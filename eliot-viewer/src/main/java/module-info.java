/** Eliot tasks in a browser: the HTML viewer page, task trees as JSON, and the recent-tasks store. */
module io.eliot.viewer {
    requires transitive io.eliot.core;

    exports io.eliot.viewer;
}
