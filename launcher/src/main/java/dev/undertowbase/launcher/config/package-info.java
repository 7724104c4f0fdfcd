/**
 * Reading the configuration, once: the HOCON layers and their precedence, typed and validated
 * settings grouped by the part of the server that uses them (each value with the place it came
 * from, for error messages), the exact {@code Decimal}, the listen address, the thread counts
 * ({@code Tuning}) and the JSON config line. {@code BadInput} is the one-line error every package
 * throws for input the user can fix.
 *
 * <p>Uses Typesafe Config only; imports no other package of the launcher.
 */
package dev.undertowbase.launcher.config;
