/** The command-line tools: render Eliot logs (files, standard input, a Kafka topic) as trees and HTML pages. */
module io.eliot.tools {
    requires io.eliot.core;
    requires io.eliot.viewer;
    requires tools.jackson.core;
    requires tools.jackson.databind;
    requires static kafka.clients;

    exports io.eliot.tools;
}
