package vn.thanglong.id.identity;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * Simultaneous first hires on H2 as the embedded default opens it: a file database (MVStore)
 * with the default settings, where an insert that meets another transaction's uncommitted row
 * under a unique index is re-run until that row commits, and two such inserts at once can refuse
 * each other until the lock timeout (a few rounds in a hundred, on a busy machine).
 */
class H2ConcurrentFirstHireIT extends ConcurrentFirstHireContract {

	@TempDir
	Path work;

	@Override
	String[] database() {
		return new String[] { "jdbc:h2:file:" + this.work.resolve("data/thanglong-id"), "sa", "" };
	}

	@Override
	int rounds() {
		return 100;
	}

}
