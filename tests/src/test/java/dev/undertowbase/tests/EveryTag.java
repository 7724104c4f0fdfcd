package dev.undertowbase.tests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every test of the class once per image tag (see {@link Images#tags()}); the class takes
 * the tag in a {@code @Parameter String tag} field, and failures say which tag failed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@MethodSource("dev.undertowbase.tests.Images#tags")
@ExtendWith(TagInFailures.class)
@interface EveryTag {
}
