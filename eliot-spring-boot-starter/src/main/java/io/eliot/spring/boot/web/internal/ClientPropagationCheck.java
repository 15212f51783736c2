package io.eliot.spring.boot.web.internal;

import io.eliot.core.Eliot;
import io.eliot.spring.web.EliotClientHttpRequestInterceptor;
import io.eliot.spring.web.EliotExchangeFilterFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Once the application's singletons exist, reports each {@code RestClient}, {@code RestTemplate}
 * and {@code WebClient} bean that does not send the task id (it was built by hand rather than from
 * Boot's builder), with the one line that fixes it. Reported once, as a WARN line and as an {@code
 * eliot:http_client_check} message. Clients created outside beans cannot be seen.
 */
public final class ClientPropagationCheck implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(ClientPropagationCheck.class);
    private static final boolean REST_CLIENT = isPresent("org.springframework.web.client.RestClient");
    private static final boolean REST_TEMPLATE = isPresent("org.springframework.web.client.RestTemplate");
    private static final boolean WEB_CLIENT = isPresent("org.springframework.web.reactive.function.client.WebClient");

    private final ListableBeanFactory beanFactory;
    private final List<String> problems = new ArrayList<>();

    /** A check over {@code beanFactory}'s client beans. */
    public ClientPropagationCheck(ListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            if (REST_CLIENT) {
                RestClients.check(beanFactory, problems);
            }
            if (REST_TEMPLATE) {
                RestTemplates.check(beanFactory, problems);
            }
            if (WEB_CLIENT) {
                WebClients.check(beanFactory, problems);
            }
        } catch (RuntimeException e) {
            return; // A check must never stop the application.
        }
        if (!problems.isEmpty()) {
            StringBuilder text = new StringBuilder("Eliot: some HTTP clients do not send the task id (x-eliot-task-id),"
                    + " so the services they call start new tasks:");
            problems.forEach(p -> text.append("\n  - ").append(p));
            LOG.warn(text);
            Eliot.log("eliot:http_client_check", "problems", List.copyOf(problems));
        }
    }

    /** The problems found, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private static boolean isPresent(String className) {
        return ClassUtils.isPresent(className, ClientPropagationCheck.class.getClassLoader());
    }

    private static final class RestClients {
        static void check(ListableBeanFactory beanFactory, List<String> problems) {
            for (Map.Entry<String, RestClient> e :
                    beanFactory.getBeansOfType(RestClient.class, false, false).entrySet()) {
                AtomicBoolean found = new AtomicBoolean();
                e.getValue()
                        .mutate()
                        .requestInterceptors(list ->
                                found.set(list.stream().anyMatch(EliotClientHttpRequestInterceptor.class::isInstance)));
                if (!found.get()) {
                    problems.add("RestClient bean '" + e.getKey() + "' was not built from Boot's RestClient.Builder:"
                            + " add .requestInterceptor(new EliotClientHttpRequestInterceptor()) to its builder");
                }
            }
        }
    }

    private static final class RestTemplates {
        static void check(ListableBeanFactory beanFactory, List<String> problems) {
            for (Map.Entry<String, RestTemplate> e :
                    beanFactory.getBeansOfType(RestTemplate.class, false, false).entrySet()) {
                if (e.getValue().getInterceptors().stream()
                        .noneMatch(EliotClientHttpRequestInterceptor.class::isInstance)) {
                    problems.add("RestTemplate bean '" + e.getKey() + "' was not built from Boot's RestTemplateBuilder:"
                            + " call restTemplate.getInterceptors().add(new EliotClientHttpRequestInterceptor())");
                }
            }
        }
    }

    private static final class WebClients {
        static void check(ListableBeanFactory beanFactory, List<String> problems) {
            for (Map.Entry<String, org.springframework.web.reactive.function.client.WebClient> e : beanFactory
                    .getBeansOfType(org.springframework.web.reactive.function.client.WebClient.class, false, false)
                    .entrySet()) {
                AtomicBoolean found = new AtomicBoolean();
                e.getValue()
                        .mutate()
                        .filters(list ->
                                found.set(list.stream().anyMatch(EliotExchangeFilterFunction.class::isInstance)));
                if (!found.get()) {
                    problems.add("WebClient bean '" + e.getKey() + "' was not built from Boot's WebClient.Builder:"
                            + " add .filter(new EliotExchangeFilterFunction()) to its builder");
                }
            }
        }
    }
}
