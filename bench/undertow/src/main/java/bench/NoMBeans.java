package bench;

import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * For the floor without MBeans (cached.dockerfile, OPTS=-Djavax.management.builder.initial=bench.NoMBeans):
 * the platform MBean server cannot be created, so XNIO and JBoss Threads register nothing, as in
 * the launcher (its NoPlatformMBeanServer), and the floor does not pay for creating it.
 */
public final class NoMBeans extends MBeanServerBuilder {
    @Override
    public MBeanServerDelegate newMBeanServerDelegate() {
        throw new UnsupportedOperationException("no platform MBean server in this floor");
    }
}
