/** Interface offload settings through the {@code SIOCETHTOOL} ioctl (what {@code ethtool -K} changes). */
package io.cohort.dataplane.ethtool;
