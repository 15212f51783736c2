package io.eliot.spring.actuate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The store of recent tasks behind the live view, under the prefix {@code eliot.recent-tasks}. It
 * exists only while the {@code eliot} Actuator endpoint is exposed ({@code
 * management.endpoints.web.exposure.include=eliot}).
 *
 * <pre>
 * eliot:
 *   recent-tasks:
 *     max-tasks: 1000
 *     max-bytes: 16MB
 *     slow-threshold: 1s
 * </pre>
 */
@ConfigurationProperties("eliot.recent-tasks")
public class EliotRecentTasksProperties {

    /** The most tasks kept; the oldest are evicted first. */
    private int maxTasks = 1_000;

    /**
     * The most heap the tasks kept may take (counted conservatively: their JSON lines and the objects
     * holding them); at least 64KB.
     */
    private DataSize maxBytes = DataSize.ofMegabytes(16);

    /**
     * The most heap one task may take, at least 1KB; its later messages are dropped (and counted as
     * such), but the end of its root action is kept. By default a sixteenth of max-bytes.
     */
    private DataSize maxTaskBytes;

    /** A task whose root action took at least this long is slow, and kept longer than ordinary tasks. */
    private Duration slowThreshold = Duration.ofSeconds(1);

    /**
     * The share (0 to 1) of max-tasks and max-bytes that failed and slow tasks may take: ordinary tasks
     * are evicted first, until failed and slow ones hold this share.
     */
    private double failedAndSlowShare = 0.5;

    public int getMaxTasks() {
        return maxTasks;
    }

    public void setMaxTasks(int maxTasks) {
        this.maxTasks = maxTasks;
    }

    public DataSize getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
        this.maxBytes = maxBytes;
    }

    public DataSize getMaxTaskBytes() {
        return maxTaskBytes;
    }

    public void setMaxTaskBytes(DataSize maxTaskBytes) {
        this.maxTaskBytes = maxTaskBytes;
    }

    public Duration getSlowThreshold() {
        return slowThreshold;
    }

    public void setSlowThreshold(Duration slowThreshold) {
        this.slowThreshold = slowThreshold;
    }

    public double getFailedAndSlowShare() {
        return failedAndSlowShare;
    }

    public void setFailedAndSlowShare(double failedAndSlowShare) {
        this.failedAndSlowShare = failedAndSlowShare;
    }
}
