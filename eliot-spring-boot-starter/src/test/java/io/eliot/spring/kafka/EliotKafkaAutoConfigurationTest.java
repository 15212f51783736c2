package io.eliot.spring.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.eliot.core.Eliot;
import io.eliot.core.destination.AsyncDestination;
import io.eliot.core.destination.Destination;
import io.eliot.kafka.EliotProducerInterceptor;
import io.eliot.kafka.KafkaCluster;
import io.eliot.kafka.KafkaDestination;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotDestinations;
import io.eliot.spring.internal.EliotConfigurationFailureAnalyzer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.RecordInterceptor;

/** {@link EliotKafkaAutoConfiguration}: the kafka destination type and propagation, case by case. */
class EliotKafkaAutoConfigurationTest {

    private static KafkaCluster cluster;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EliotAutoConfiguration.class, EliotKafkaAutoConfiguration.class, KafkaAutoConfiguration.class));

    @BeforeAll
    static void startCluster() throws Exception {
        QuietKafka.logs();
        cluster = KafkaCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    private static List<Destination> registered() {
        return Eliot.destinations();
    }

    @Test
    void aKafkaDestinationProducesToTheConfiguredTopicBehindAQueue() throws Exception {
        String topic = cluster.newTopic("logs", 1);
        runner.withPropertyValues(
                        "eliot.destinations.pipeline.type=kafka",
                        "eliot.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                        "eliot.kafka.topic=" + topic,
                        "eliot.kafka.producer.[compression.type]=gzip")
                .run(context -> {
                    Destination pipeline = context.getBean(EliotDestinations.class)
                            .configured()
                            .get("pipeline");
                    assertThat(pipeline).isInstanceOf(AsyncDestination.class);
                    assertThat(((AsyncDestination) pipeline).delegate())
                            .isInstanceOf(KafkaDestination.class)
                            .hasToString("KafkaDestination[topic " + topic + " at " + cluster.bootstrapServers() + "]");
                    Eliot.log("test:configured", "via", "properties");
                    context.getBean(EliotDestinations.class).all().get(0).flush();
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    context.getBean("eliotKafkaMeterBinder", MeterBinder.class).bindTo(registry);
                    assertThat(registry.get("eliot.kafka.records")
                                    .tag("outcome", "acknowledged")
                                    .functionCounter()
                                    .count())
                            .isGreaterThanOrEqualTo(1);
                    assertThat(registry.get("eliot.kafka.records")
                                    .tag("outcome", "failed")
                                    .functionCounter()
                                    .count())
                            .isZero();
                });

        List<ConsumerRecord<String, String>> records = cluster.readAll(topic);
        assertThat(records)
                .anySatisfy(r -> assertThat(r.value())
                        .contains("\"message_type\":\"test:configured\"")
                        .contains("\"via\":\"properties\""));
        assertThat(registered()).noneMatch(AsyncDestination.class::isInstance);
    }

    @Test
    void bootstrapServersDefaultToSpringKafkas() throws Exception {
        String topic = cluster.newTopic("logs", 1);
        runner.withPropertyValues(
                        "eliot.destinations.pipeline.type=kafka",
                        "spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                        "eliot.kafka.topic=" + topic)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Eliot.log("test:defaulted");
                });

        assertThat(cluster.readAll(topic)).anySatisfy(r -> assertThat(r.value()).contains("test:defaulted"));
    }

    @Test
    void aDestinationsOwnTopicWinsOverEliotKafkaTopic() throws Exception {
        String shared = cluster.newTopic("shared", 1);
        String own = cluster.newTopic("own", 1);
        runner.withPropertyValues(
                        "eliot.destinations.pipeline.kafka.topic=" + own,
                        "eliot.destinations.audit.type=kafka",
                        "eliot.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                        "eliot.kafka.topic=" + shared)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(((AsyncDestination) context.getBean(EliotDestinations.class)
                                            .configured()
                                            .get("pipeline"))
                                    .delegate())
                            .as("the kafka block gives the type")
                            .hasToString("KafkaDestination[topic " + own + " at " + cluster.bootstrapServers() + "]");
                    Eliot.log("test:both");
                });

        assertThat(cluster.readAll(own)).anySatisfy(r -> assertThat(r.value()).contains("test:both"));
        assertThat(cluster.readAll(shared))
                .anySatisfy(r -> assertThat(r.value()).contains("test:both"));
    }

    @Test
    void aBlankOwnTopicFailsNamingIt() {
        assertFailsNaming(
                runner,
                "eliot.destinations.pipeline.kafka.topic",
                "must not be blank",
                "eliot.destinations.pipeline.kafka.topic= ",
                "eliot.kafka.bootstrap-servers=localhost:9092");
    }

    @Test
    void withoutBootstrapServersStartupFailsNamingTheProperty() {
        assertFailsNaming(
                runner,
                "eliot.kafka.bootstrap-servers",
                "is required for the kafka destination 'pipeline'",
                "eliot.destinations.pipeline.type=kafka");
    }

    @Test
    void aProducerSettingTheDestinationOwnsFailsNamingIt() {
        assertFailsNaming(
                runner,
                "eliot.kafka.producer.[value.serializer]",
                "the Kafka destination owns it",
                "eliot.destinations.pipeline.type=kafka",
                "eliot.kafka.bootstrap-servers=localhost:9092",
                "eliot.kafka.producer.[value.serializer]=com.example.Mine");
    }

    @Test
    void anInvalidProducerValueFailsNamingTheProducerSettings() {
        assertFailsNaming(
                runner,
                "eliot.kafka.producer",
                "acks",
                "eliot.destinations.pipeline.type=kafka",
                "eliot.kafka.bootstrap-servers=localhost:9092",
                "eliot.kafka.producer.acks=sometimes");
    }

    @Test
    void anEmptyTopicFailsNamingIt() {
        assertFailsNaming(
                runner,
                "eliot.kafka.topic",
                "must not be empty",
                "eliot.destinations.pipeline.type=kafka",
                "eliot.kafka.bootstrap-servers=localhost:9092",
                "eliot.kafka.topic= ");
    }

    @Test
    void withoutKafkaClientsTheKafkaTypeFailsNamingIt() {
        assertFailsNaming(
                runner.withClassLoader(new FilteredClassLoader(KafkaProducer.class)),
                "eliot.destinations.pipeline.type",
                "kafka needs org.apache.kafka:kafka-clients on the class path",
                "eliot.destinations.pipeline.type=kafka");
    }

    @Test
    void withoutKafkaClientsNothingKafkaIsConfiguredAndTheRestWorks() {
        runner.withClassLoader(new FilteredClassLoader(KafkaProducer.class))
                .withPropertyValues("eliot.destinations.out.type=stdout")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(EliotDestinations.class)
                        .doesNotHaveBean(EliotKafkaProperties.class)
                        .doesNotHaveBean(EliotRecordInterceptor.class));
    }

    @Test
    void springKafkaProducersGetTheInterceptorAndListenersTheRecordInterceptor() {
        runner.withPropertyValues("spring.kafka.producer.properties[interceptor.classes]=com.example.Audit")
                .run(context -> {
                    assertThat(context).hasSingleBean(EliotRecordInterceptor.class);
                    DefaultKafkaProducerFactory<?, ?> factory = context.getBean(DefaultKafkaProducerFactory.class);
                    assertThat(factory.getConfigurationProperties().get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG))
                            .isEqualTo(List.of("com.example.Audit", EliotProducerInterceptor.class));
                });
    }

    @Test
    void propagationCanBeSwitchedOff() {
        runner.withPropertyValues("eliot.kafka.propagation.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(EliotRecordInterceptor.class);
            DefaultKafkaProducerFactory<?, ?> factory = context.getBean(DefaultKafkaProducerFactory.class);
            assertThat(factory.getConfigurationProperties())
                    .doesNotContainKey(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        });
    }

    @Test
    void theApplicationsOwnRecordInterceptorWins() {
        RecordInterceptor<Object, Object> mine = (record, consumer) -> record;
        runner.withBean("myInterceptor", RecordInterceptor.class, () -> mine)
                .run(context -> assertThat(context)
                        .doesNotHaveBean(EliotRecordInterceptor.class)
                        .getBean(RecordInterceptor.class)
                        .isSameAs(mine));
    }

    private static void assertFailsNaming(
            ApplicationContextRunner runner, String property, String problem, String... properties) {
        int before = registered().size();
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new EliotConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis)
                    .as("analysed as an Eliot configuration failure: %s", context.getStartupFailure())
                    .isNotNull();
            assertThat(analysis.getDescription())
                    .contains("Property: " + property)
                    .contains(problem);
        });
        assertThat(registered()).as("nothing registered").hasSize(before);
    }
}
