package io.eliot.spring;

import io.eliot.core.Eliot;
import io.eliot.core.destination.ConsoleDestination;
import io.eliot.core.destination.Destination;
import io.eliot.core.exception.ExceptionExtractor;
import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.core.settings.FieldLimits;
import io.eliot.core.settings.FieldRedaction;
import io.eliot.spring.internal.BeanPropertyExtractor;
import io.eliot.spring.internal.DestinationFactory;
import io.eliot.spring.internal.KafkaDestinationProvider;
import io.eliot.spring.internal.OpenTelemetryDestinationProvider;
import io.eliot.spring.internal.ShutdownOrder;
import io.eliot.spring.internal.WeavingCheck;
import io.eliot.viewer.RecentTasks;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Configures Eliot from {@code eliot.*}: destinations, global fields, redaction, field limits and
 * exception extractors, plus the application's {@code Destination} and {@code ExceptionExtractor}
 * beans. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass(Eliot.class)
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EliotProperties.class)
public class EliotAutoConfiguration {

    /** Encodes messages as JSON lines with the application's JsonMapper (or a default one). */
    @Bean
    @ConditionalOnMissingBean
    public JsonLineEncoder eliotJsonLineEncoder(EliotProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
        JsonMapper mapper = properties.isUseApplicationJsonMapper() ? jsonMapper.getIfAvailable() : null;
        return mapper == null ? new JsonLineEncoder() : new JsonLineEncoder(mapper);
    }

    /** Global fields, redaction and field limits, applied process-wide. */
    @Bean
    @ConditionalOnMissingBean
    public EliotSettings eliotSettings(EliotProperties properties) {
        Map<String, Object> globals = new LinkedHashMap<>(properties.getGlobalFields());
        if (properties.isIncludeHost()) {
            globals.put("host", hostName());
        }
        if (properties.isIncludeProcessId()) {
            globals.put("pid", ProcessHandle.current().pid());
        }
        FieldRedaction redaction;
        try {
            redaction = FieldRedaction.of(properties.getRedact());
        } catch (IllegalArgumentException e) {
            throw new EliotConfigurationException("eliot.redact", e.getMessage(), e);
        }
        FieldLimits limits;
        try {
            limits = new FieldLimits(
                    properties.getFieldLimit().getMaxStringLength(),
                    properties.getFieldLimit().getMaxElements(),
                    properties.getFieldLimit().getMaxMessageSize());
        } catch (IllegalArgumentException e) {
            throw new EliotConfigurationException("eliot.field-limit", e.getMessage(), e);
        }
        return new EliotSettings(globals, redaction, limits);
    }

    /**
     * The exception extractors of {@code eliot.exception-extractors} and the application's {@code
     * ExceptionExtractor<T>} beans (T is read from the bean's declared type), registered with Eliot.
     */
    @Bean
    @ConditionalOnMissingBean
    public EliotExceptionExtractors eliotExceptionExtractors(
            EliotProperties properties, ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        List<BeanPropertyExtractor.Registration> configured = properties.getExceptionExtractors().entrySet().stream()
                .map(e -> BeanPropertyExtractor.of(e.getKey(), e.getValue(), classLoader))
                .toList();
        Map<Class<? extends Throwable>, ExceptionExtractor<?>> all = new LinkedHashMap<>();
        configured.forEach(r -> all.put(r.type(), r.extractor()));
        for (String name : beanFactory.getBeanNamesForType(ExceptionExtractor.class)) {
            ResolvableType type = beanFactory.getMergedBeanDefinition(name).getResolvableType();
            ResolvableType extractor = type.as(ExceptionExtractor.class);
            Class<?> handled = extractor == ResolvableType.NONE || extractor.hasUnresolvableGenerics()
                    ? null
                    : extractor.resolveGeneric(0);
            if (handled == null || !Throwable.class.isAssignableFrom(handled)) {
                throw new EliotConfigurationException(
                        "bean '" + name + "'",
                        "an ExceptionExtractor bean must declare the exception it handles, e.g. "
                                + "ExceptionExtractor<SQLException>; its declared type is " + type);
            }
            @SuppressWarnings("unchecked")
            Class<? extends Throwable> throwable = (Class<? extends Throwable>) handled;
            all.put(throwable, beanFactory.getBean(name, ExceptionExtractor.class));
        }
        return new EliotExceptionExtractors(all);
    }

    /**
     * The destinations of {@code eliot.destinations} and the application's {@code Destination}
     * beans; with neither (the live view's {@code RecentTasks} store aside), standard output.
     */
    @Bean
    @ConditionalOnMissingBean
    EliotDestinations eliotDestinations(
            EliotProperties properties,
            JsonLineEncoder encoder,
            ObjectProvider<Destination> destinationBeans,
            EliotSettings settings,
            EliotExceptionExtractors extractors,
            Environment environment,
            ObjectProvider<KafkaDestinationProvider> kafka,
            ObjectProvider<OpenTelemetryDestinationProvider> openTelemetry,
            ConfigurableListableBeanFactory beanFactory) {
        List<Destination> beans = destinationBeans.orderedStream().toList();
        Map<String, Destination> configured = DestinationFactory.build(
                properties.getDestinations(),
                encoder,
                environment.getProperty("spring.application.name"),
                kafka.getIfAvailable(),
                openTelemetry.getIfAvailable(),
                beanFactory.getBeanClassLoader());
        // The live view's store keeps recent tasks in memory: the log itself still goes to stdout.
        if (configured.isEmpty() && beans.stream().allMatch(RecentTasks.class::isInstance)) {
            configured = Map.of("stdout", ConsoleDestination.stdout(encoder));
        }
        return new EliotDestinations(configured, beans);
    }

    /**
     * Closes Eliot's destinations after the context has closed (after the web server's graceful
     * shutdown), not in a JVM shutdown hook racing it; see {@link ShutdownOrder}.
     */
    @Bean
    @ConditionalOnMissingBean
    ShutdownOrder eliotShutdownOrder(ApplicationContext context) {
        return new ShutdownOrder(context);
    }

    /** Reports, once at startup, annotations that will log nothing and why. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnClass(name = "io.eliot.aspects.EliotAspect")
    static WeavingCheck eliotWeavingCheck(ConfigurableListableBeanFactory beanFactory) {
        return new WeavingCheck(beanFactory);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }
}
