package dev.undertowbase.tests;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * Puts the image tag in front of a failure's message: Maven's reports number parameterized
 * classes ("[2]"), while a reader of a CI log needs "java25-slim".
 */
final class TagInFailures implements TestExecutionExceptionHandler {

    private static final String CLASS_INVOCATION = "[class-template-invocation:";

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Optional<String> tag = tagOf(context);
        if (tag.isEmpty()) {
            throw failure;
        }
        String prefix = "[" + Images.name(tag.get()) + "] ";
        Throwable named;
        if (failure instanceof AssertionFailedError assertion) {
            named = assertion.isExpectedDefined() || assertion.isActualDefined()
                    ? new AssertionFailedError(prefix + assertion.getMessage(), assertion.getExpected(),
                            assertion.getActual(), assertion.getCause())
                    : new AssertionFailedError(prefix + assertion.getMessage(), assertion.getCause());
        } else if (failure instanceof AssertionError) {
            named = new AssertionError(prefix + failure.getMessage(), failure.getCause());
        } else {
            throw new IllegalStateException(prefix + failure, failure);
        }
        named.setStackTrace(failure.getStackTrace());
        throw named;
    }

    /** The display name of the enclosing class invocation, which {@link EveryTag} names after the tag. */
    private static Optional<String> tagOf(ExtensionContext context) {
        for (Optional<ExtensionContext> at = Optional.of(context); at.isPresent(); at = at.get().getParent()) {
            String lastSegment = at.get().getUniqueId().substring(at.get().getUniqueId().lastIndexOf('/') + 1);
            if (lastSegment.startsWith(CLASS_INVOCATION)) {
                return Optional.of(at.get().getDisplayName());
            }
        }
        return Optional.empty();
    }
}
