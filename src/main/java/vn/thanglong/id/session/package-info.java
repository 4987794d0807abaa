/** SSO sessions: where they live (memory for the embedded default, Redis for several nodes). */
@NullMarked
package vn.thanglong.id.session;

import org.jspecify.annotations.NullMarked;
