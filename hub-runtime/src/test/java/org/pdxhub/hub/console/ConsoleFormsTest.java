package org.pdxhub.hub.console;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.jboss.resteasy.reactive.RestForm;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No action of the console can be added that skips the form token: every state-changing method takes {@code _csrf}. */
class ConsoleFormsTest {

    @Test
    void everyActionOfTheConsoleTakesTheFormToken() throws Exception {
        List<String> missing = new ArrayList<>();
        int actions = 0;
        for (Class<?> page : consoleClasses()) {
            for (Method m : page.getDeclaredMethods()) {
                if (m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class) || m.isAnnotationPresent(DELETE.class)
                        || m.isAnnotationPresent(PATCH.class)) {
                    actions++;
                    boolean takesToken = false;
                    for (Parameter p : m.getParameters()) {
                        RestForm form = p.getAnnotation(RestForm.class);
                        takesToken |= form != null && "_csrf".equals(form.value());
                    }
                    if (!takesToken) {
                        missing.add(page.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertTrue(actions >= 8, "the console's actions were found: " + actions);
        assertEquals(List.of(), missing, "actions without the form token");
    }

    /** Every class of the console package as compiled, so that a page added later is checked too. */
    private static List<Class<?>> consoleClasses() throws Exception {
        Path folder = Path.of(ConsoleRequest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(ConsoleRequest.class.getPackageName().replace('.', '/'));
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString();
                classes.add(Class.forName(ConsoleRequest.class.getPackageName() + "." + name.substring(0, name.length() - 6)));
            }
        }
        return classes;
    }
}
