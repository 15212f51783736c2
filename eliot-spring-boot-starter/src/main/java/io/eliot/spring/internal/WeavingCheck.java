package io.eliot.spring.internal;

import io.eliot.annotations.LogMessage;
import io.eliot.annotations.LoggedAction;
import io.eliot.aspects.EliotAspect;
import io.eliot.core.Eliot;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Once the application's singletons exist, finds every bean with {@code @LoggedAction} or {@code
 * LogMessage} methods and reports each annotation that will have no effect, and why: the class is
 * not woven and no aspect proxies it, the method is private, static or final, the bean was not
 * proxied, or the class calls the method on itself (which a proxy never sees). Reported once, as a
 * WARN line and as an {@code eliot:weaving_check} message, so a silent failure to log cannot go
 * unnoticed.
 */
public final class WeavingCheck implements SmartInitializingSingleton {

    private static final Log LOG = LogFactory.getLog(WeavingCheck.class);

    private final ConfigurableListableBeanFactory beanFactory;
    private final List<String> problems = new ArrayList<>();

    /** A check over {@code beanFactory}'s beans. */
    public WeavingCheck(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean proxying = beanFactory.getBeanNamesForType(EliotAspect.class, false, false).length > 0;
        boolean loadTimeWeaving = LoadTimeWeaving.isActive();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            if (!beanFactory.containsSingleton(name)) {
                continue;
            }
            BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
            if (definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
                continue;
            }
            Object bean = beanFactory.getSingleton(name);
            if (bean == null) {
                continue;
            }
            check(name, bean, proxying, loadTimeWeaving);
        }
        if (!problems.isEmpty()) {
            StringBuilder text =
                    new StringBuilder("Eliot: some @LoggedAction/@LogMessage annotations will log nothing:");
            problems.forEach(p -> text.append("\n  - ").append(p));
            LOG.warn(text);
            Eliot.log("eliot:weaving_check", "problems", List.copyOf(problems));
        }
    }

    /** The problems found, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void check(String beanName, Object bean, boolean proxying, boolean loadTimeWeaving) {
        Class<?> type = AopUtils.getTargetClass(bean);
        List<Method> annotated = annotatedMethods(type);
        if (annotated.isEmpty() || isWoven(type)) {
            return;
        }
        if (loadTimeWeaving) {
            problems.add("bean '" + beanName + "' (" + type.getName() + ") has Eliot annotations but its class was"
                    + " not woven by the load-time weaver (is it outside the aop.xml includes?)");
            return;
        }
        if (!proxying) {
            problems.add("bean '" + beanName + "' (" + type.getName() + "): its class is not woven and the Spring AOP"
                    + " aspect is off (eliot.aspect.enabled=false, or AspectJ missing), so none of its annotations"
                    + " log anything");
            return;
        }
        boolean proxied = AopUtils.isAopProxy(bean);
        Set<String> proxiable = new LinkedHashSet<>();
        for (Method m : annotated) {
            String where = type.getSimpleName() + "." + m.getName();
            int modifiers = m.getModifiers();
            if (Modifier.isPrivate(modifiers)) {
                problems.add(where + " is private: Spring AOP proxies cannot log it (weave at compile or load time)");
            } else if (Modifier.isStatic(modifiers)) {
                problems.add(where + " is static: Spring AOP proxies cannot log it (weave at compile or load time)");
            } else if (Modifier.isFinal(modifiers)) {
                problems.add(where + " is final: Spring AOP proxies cannot log it");
            } else if (!proxied) {
                problems.add(where + ": bean '" + beanName + "' was not proxied (a final class, or created outside"
                        + " Spring's proxying), so it is not logged");
            } else {
                proxiable.add(m.getName());
            }
        }
        if (proxied) {
            for (String call : selfCalls(type, proxiable)) {
                problems.add(call);
            }
        }
    }

    private static List<Method> annotatedMethods(Class<?> type) {
        boolean typeLevel = type.isAnnotationPresent(LoggedAction.class);
        List<Method> methods = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isSynthetic() || m.isBridge()) {
                continue;
            }
            boolean own = m.isAnnotationPresent(LoggedAction.class) || m.isAnnotationPresent(LogMessage.class);
            if (own || (typeLevel && Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))) {
                if (own || !isExcludedFromTypeLevel(m)) {
                    methods.add(m);
                }
            }
        }
        return methods;
    }

    private static boolean isExcludedFromTypeLevel(Method m) {
        String n = m.getName();
        return n.equals("toString")
                || n.equals("hashCode")
                || n.equals("equals")
                || (m.getParameterCount() == 0 && (n.startsWith("get") || n.startsWith("is")))
                || (m.getParameterCount() == 1 && n.startsWith("set") && m.getReturnType() == void.class);
    }

    private static boolean isWoven(Class<?> type) {
        for (Field f : type.getDeclaredFields()) {
            if (f.getName().startsWith("ajc$")) {
                return true;
            }
        }
        return false;
    }

    /** "Caller calls m on itself" for each call the class makes to one of {@code targets} on its own type. */
    private static List<String> selfCalls(Class<?> type, Set<String> targets) {
        List<String> found = new ArrayList<>();
        if (targets.isEmpty()) {
            return found;
        }
        String internalName = type.getName().replace('.', '/');
        String resource = internalName + ".class";
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return found;
            }
            new ClassReader(in)
                    .accept(
                            new ClassVisitor(Opcodes.ASM9) {
                                @Override
                                public MethodVisitor visitMethod(
                                        int access,
                                        String caller,
                                        String descriptor,
                                        String signature,
                                        String[] exceptions) {
                                    return new MethodVisitor(Opcodes.ASM9) {
                                        @Override
                                        public void visitMethodInsn(
                                                int opcode,
                                                String owner,
                                                String callee,
                                                String desc,
                                                boolean isInterface) {
                                            if (owner.equals(internalName)
                                                    && targets.contains(callee)
                                                    && opcode != Opcodes.INVOKESTATIC
                                                    && !callee.equals(caller)) {
                                                found.add(type.getSimpleName() + "." + caller + " calls " + callee
                                                        + " on itself: that call does not go through the Spring proxy, so it"
                                                        + " is not logged (weave at compile or load time, or call it through"
                                                        + " the bean)");
                                            }
                                        }
                                    };
                                }
                            },
                            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException | RuntimeException e) {
            // The class bytes cannot be read (generated class?): nothing to report.
        }
        return found;
    }
}
