package org.pdxhub.hub.api;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint that reads a JSON body into a type of ours reads it refusing fields the type does
 * not have, so a misspelt field is a 400 naming it on every path, not only on the endpoints someone
 * remembered: a resource added without {@code @CustomDeserialization(StrictJson.Bodies.class)}
 * fails here, naming the method. Bodies read as text, bytes, streams, forms or free maps have no
 * fields to misspell.
 */
class EveryJsonBodyIsStrictTest {

    /**
     * Read by nodes of other versions: a field a newer peer adds to its link envelope must not stop an
     * older node's link. The envelope is signed and its records pass the gate like any others.
     */
    static final List<String> LENIENT_ON_PURPOSE = List.of("LinkResource");

    @Test
    void everyTypedJsonBodyRefusesUnknownFields() throws Exception {
        List<String> lenient = new ArrayList<>();
        int checked = 0;
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pdxhub.hub")) {
            if (!c.isAnnotatedWith(Path.class) || LENIENT_ON_PURPOSE.contains(c.getSimpleName())) {
                continue;
            }
            Class<?> resource = Class.forName(c.getName());
            for (Method m : resource.getDeclaredMethods()) {
                if (!(m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class) || m.isAnnotationPresent(PATCH.class))) {
                    continue;
                }
                for (Parameter p : m.getParameters()) {
                    if (!isEntity(p) || !isTypeOfOurs(p.getType())) {
                        continue;
                    }
                    checked++;
                    if (!strict(m) && !strict(resource)) {
                        lenient.add(resource.getSimpleName() + "." + m.getName() + "(" + p.getType().getSimpleName() + ")");
                    }
                }
            }
        }
        assertTrue(checked > 20, "found the typed bodies (" + checked + ")");
        assertTrue(lenient.isEmpty(), "bodies read ignoring unknown fields: " + lenient
                + "; annotate the class or method with @CustomDeserialization(StrictJson.Bodies.class)");
    }

    /** The parameter JAX-RS fills from the body: the one without a binding annotation. */
    private static boolean isEntity(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            String pkg = a.annotationType().getPackageName();
            if (pkg.startsWith("jakarta.ws.rs") || pkg.startsWith("org.jboss.resteasy.reactive")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTypeOfOurs(Class<?> type) {
        return type.getName().startsWith("org.pdxhub.") && !type.isEnum();
    }

    private static boolean strict(java.lang.reflect.AnnotatedElement e) {
        CustomDeserialization d = e.getAnnotation(CustomDeserialization.class);
        return d != null && d.value() == StrictJson.Bodies.class;
    }
}
