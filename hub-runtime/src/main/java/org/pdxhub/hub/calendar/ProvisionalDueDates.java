package org.pdxhub.hub.calendar;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Every due date the node shows says when it is provisional: a {@code LocalDate} property named
 * {@code dueBy} or {@code due} gets {@code "provisional": true} next to it, and one named
 * {@code <x>DueBy} gets {@code "<x>Provisional": true}, when it was counted across a year the
 * holiday list does not cover. Done once for the JSON of every answer, so that a new workflow's
 * due date is marked without its author thinking of it; absent when the date is firm.
 */
@Singleton
public class ProvisionalDueDates implements ObjectMapperCustomizer {

    @Inject
    WorkingDayCalendar calendar;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("pdx-provisional-due-dates").setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                List<BeanPropertyWriter> out = new ArrayList<>(properties.size());
                for (BeanPropertyWriter p : properties) {
                    String flag = flagName(p.getName());
                    out.add(flag != null && p.getType().getRawClass() == LocalDate.class ? new Flagged(p, flag, calendar) : p);
                }
                return out;
            }
        }));
    }

    /** The flag's name for a due date's property, or null when the property is not a due date. */
    static String flagName(String property) {
        if (property.equals("dueBy") || property.equals("due")) {
            return "provisional";
        }
        for (String suffix : List.of("DueBy", "Due")) {
            if (property.endsWith(suffix) && property.length() > suffix.length()) {
                return property.substring(0, property.length() - suffix.length()) + "Provisional";
            }
        }
        return null;
    }

    private static final class Flagged extends BeanPropertyWriter {

        private final String flag;
        private final WorkingDayCalendar calendar;

        Flagged(BeanPropertyWriter base, String flag, WorkingDayCalendar calendar) {
            super(base);
            this.flag = flag;
            this.calendar = calendar;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov) throws Exception {
            super.serializeAsField(bean, gen, prov);
            if (get(bean) instanceof LocalDate due && calendar.provisional(due)) {
                gen.writeBooleanField(flag, true);
            }
        }
    }
}
