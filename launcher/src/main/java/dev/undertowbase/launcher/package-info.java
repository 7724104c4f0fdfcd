/**
 * The launcher's entry point. {@code Launcher} is the composition root: it reads the
 * configuration once ({@code config}), sets up logging ({@code logging}), finds the app
 * ({@code app}) and serves it ({@code server}, or {@code reload} in development), handing each
 * part only the settings it needs. Nothing below this package imports it.
 */
package dev.undertowbase.launcher;
