/** Login methods (password), assurance, and the login pages. */
@NullMarked
package vn.thanglong.id.authn;

import org.jspecify.annotations.NullMarked;
