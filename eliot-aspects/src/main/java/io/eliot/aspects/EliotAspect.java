package io.eliot.aspects;

import io.eliot.annotations.LogMessage;
import io.eliot.annotations.LoggedAction;
import io.eliot.aspects.internal.Invocations;
import io.eliot.aspects.internal.MethodPlan;
import io.eliot.aspects.internal.Outcomes;
import io.eliot.core.Action;
import io.eliot.core.ContextScope;
import io.eliot.core.Eliot;
import io.eliot.core.Message;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Before;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Turns {@link LoggedAction} and {@link LogMessage} methods into Eliot actions and messages, using
 * only the public {@code eliot-core} API: what an annotation does, plain code can do too.
 *
 * <p>One aspect for the three ways of weaving:
 *
 * <ul>
 *   <li>compile time: list {@code io.eliot:eliot-aspects} in the {@code aspectLibraries} of the
 *       {@code dev.aspectj:aspectj-maven-plugin};
 *   <li>load time: run with {@code -javaagent:aspectjweaver.jar}; this jar's {@code META-INF/aop.xml}
 *       declares the aspect (add your own {@code aop.xml} to limit weaving to your packages);
 *   <li>Spring AOP: declare {@code new EliotAspect()} as a bean with {@code @EnableAspectJAutoProxy}
 *       (the Spring Boot starter does this when classes are not woven); public methods of beans only.
 * </ul>
 *
 * <p>A method declared to return a Reactor {@code Mono}/{@code Flux} is called at once, and its
 * action starts at each subscription (eliot-core's {@code EliotReactor.inAction}); see {@link
 * LoggedAction}.
 *
 * <p>Only annotated join points are matched, so other methods pay nothing. A call advised twice
 * (e.g. a proxy around a woven class) is logged once. Nothing here throws into the application
 * beyond what the method itself throws.
 */
@Aspect
public class EliotAspect {

    private final Map<Method, MethodPlan> actionPlans = new ConcurrentHashMap<>();
    private final Map<Method, MethodPlan> messagePlans = new ConcurrentHashMap<>();

    /** The constructor compile-time and load-time weaving use; Spring may call it too. */
    public EliotAspect() {}

    /** A method annotated with {@code @LoggedAction}. */
    @Around(value = "execution(* *(..)) && @annotation(loggedAction)", argNames = "loggedAction")
    public Object loggedMethod(ProceedingJoinPoint call, LoggedAction loggedAction) throws Throwable {
        return logAction(call, loggedAction);
    }

    /**
     * A public method of a type annotated with {@code @LoggedAction}, except constructors, those
     * annotated themselves, {@code toString}/{@code equals}/{@code hashCode}, getters and setters.
     */
    @Around(
            value = "execution(public * *(..)) && @within(loggedAction)"
                    + " && !@annotation(io.eliot.annotations.LoggedAction)"
                    + " && !@annotation(io.eliot.annotations.LogMessage)"
                    + " && !execution(String toString()) && !execution(int hashCode())"
                    + " && !execution(boolean equals(Object))"
                    + " && !execution(* get*()) && !execution(boolean is*()) && !execution(void set*(*))",
            argNames = "loggedAction")
    public Object methodOfLoggedType(ProceedingJoinPoint call, LoggedAction loggedAction) throws Throwable {
        return logAction(call, loggedAction);
    }

    /** A method annotated with {@code @LogMessage}: the message is logged before the body runs. */
    @Before(value = "execution(* *(..)) && @annotation(logMessage)", argNames = "logMessage")
    public void messageMethod(JoinPoint call, LogMessage logMessage) {
        Method method = method(call);
        MethodPlan plan = messagePlans.get(method);
        if (plan == null) {
            plan = messagePlans.computeIfAbsent(
                    method, m -> MethodPlan.forMessage(m, logMessage.value(), logMessage.args()));
        }
        Message.log(plan.type(), plan.fields(call.getArgs()));
    }

    private Object logAction(ProceedingJoinPoint call, LoggedAction annotation) throws Throwable {
        Method method = method(call);
        Object target = call.getTarget();
        Object[] args = call.getArgs();
        Action current = Eliot.currentAction().orElse(null);
        if (Invocations.isAdvisedAlready(method, target, args, current)) {
            return call.proceed();
        }
        MethodPlan plan = actionPlans.get(method); // no capturing lambda per call once the plan is known
        if (plan == null) {
            plan = actionPlans.computeIfAbsent(method, m -> MethodPlan.forAction(m, annotation));
        }
        Object[] fields = plan.fields(args);
        if (plan.reactive()) {
            return logAtSubscription(call, plan, fields, new Invocations.Invocation(method, target, args, current));
        }
        Action action = plan.newTask() ? Eliot.startTask(plan.type(), fields) : Eliot.startAction(plan.type(), fields);
        Invocations.Invocation previous = Invocations.enter(new Invocations.Invocation(method, target, args, action));
        Object result;
        try (ContextScope ignored = action.context()) {
            result = call.proceed();
        } catch (Throwable failure) {
            Outcomes.failed(action, plan, failure);
            throw failure;
        } finally {
            Invocations.exit(previous);
        }
        return Outcomes.returned(action, plan, result);
    }

    /**
     * A method returning a Mono or Flux: the method runs now (assembly) outside any new action; the
     * action starts at each subscription. While it runs, the call is recorded with the caller's
     * action, so a second advice of the same call (a proxy around a woven class) only proceeds.
     */
    private static Object logAtSubscription(
            ProceedingJoinPoint call, MethodPlan plan, Object[] fields, Invocations.Invocation invocation)
            throws Throwable {
        Invocations.Invocation previous = Invocations.enter(invocation);
        Object result;
        try {
            result = call.proceed();
        } catch (Throwable failure) {
            // Thrown while assembling: nothing to subscribe to, so the action starts and fails now.
            Action action =
                    plan.newTask() ? Eliot.startTask(plan.type(), fields) : Eliot.startAction(plan.type(), fields);
            Outcomes.failed(action, plan, failure);
            throw failure;
        } finally {
            Invocations.exit(previous);
        }
        return Outcomes.atSubscription(plan, fields, result);
    }

    /**
     * The method that runs: for a Spring JDK proxy the join point names the interface method, whose
     * parameters carry no annotations, so the target class's implementation is looked up.
     */
    private static Method method(JoinPoint call) {
        Method method = ((MethodSignature) call.getSignature()).getMethod();
        Object target = call.getTarget();
        if (target != null && method.getDeclaringClass().isInterface()) {
            try {
                return target.getClass().getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                return method;
            }
        }
        return method;
    }
}
