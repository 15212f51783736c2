package io.eliot.spring.actuate;

import io.eliot.core.serialization.JsonLineEncoder;
import io.eliot.spring.EliotAutoConfiguration;
import io.eliot.spring.EliotConfigurationException;
import io.eliot.viewer.RecentTasks;
import java.util.function.Consumer;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The live view, when the {@code eliot} endpoint is available (exposed over the web and not denied
 * access): the {@link RecentTasks} store, registered with Eliot like every {@code Destination} bean,
 * and the {@link EliotEndpoint} reading it. Nothing is stored, nor reachable, unless the
 * application's owner exposes the endpoint. Both back off to the application's own beans.
 */
@AutoConfiguration(after = EliotAutoConfiguration.class)
// By name: where Actuator is absent, annotations naming its classes cannot be read by reflection (and
// Spring would then ignore them), while this condition still can.
@ConditionalOnClass(
        name = {
            "io.eliot.core.Eliot",
            "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "org.springframework.boot.actuate.endpoint.web.WebEndpointResponse",
            "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"
        })
@ConditionalOnBooleanProperty(name = "eliot.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(EliotEndpoint.class)
@EnableConfigurationProperties(EliotRecentTasksProperties.class)
public class EliotEndpointAutoConfiguration {

    /**
     * The store, bounded by {@code eliot.recent-tasks.*}, encoding with the application's encoder.
     *
     * @throws EliotConfigurationException naming the property whose value it cannot use
     */
    @Bean
    @ConditionalOnMissingBean
    public RecentTasks eliotRecentTasks(EliotRecentTasksProperties properties, JsonLineEncoder encoder) {
        RecentTasks.Builder builder = RecentTasks.builder().encoder(encoder);
        String prefix = "eliot.recent-tasks.";
        set(prefix + "max-tasks", b -> b.maxTasks(properties.getMaxTasks()), builder);
        set(prefix + "max-bytes", b -> b.maxBytes(properties.getMaxBytes().toBytes()), builder);
        if (properties.getMaxTaskBytes() != null) {
            set(
                    prefix + "max-task-bytes",
                    b -> b.maxTaskBytes(properties.getMaxTaskBytes().toBytes()),
                    builder);
        }
        set(prefix + "slow-threshold", b -> b.slowThreshold(properties.getSlowThreshold()), builder);
        set(prefix + "failed-and-slow-share", b -> b.failedAndSlowShare(properties.getFailedAndSlowShare()), builder);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            String property = e.getMessage().startsWith("maxTaskBytes") ? "max-task-bytes" : "max-bytes";
            throw new EliotConfigurationException(prefix + property, e.getMessage(), e);
        }
    }

    private static void set(String property, Consumer<RecentTasks.Builder> setter, RecentTasks.Builder builder) {
        try {
            setter.accept(builder);
        } catch (IllegalArgumentException e) {
            throw new EliotConfigurationException(property, e.getMessage(), e);
        }
    }

    /** The endpoint over the store. */
    @Bean
    @ConditionalOnMissingBean
    public EliotEndpoint eliotEndpoint(RecentTasks recentTasks, Environment environment) {
        String mapped = environment.getProperty("management.endpoints.web.path-mapping.eliot", "eliot");
        String relative = mapped.substring(mapped.lastIndexOf('/') + 1);
        return new EliotEndpoint(recentTasks, relative.isEmpty() ? "eliot" : relative);
    }
}
