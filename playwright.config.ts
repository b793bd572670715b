import { defineConfig, devices } from '@playwright/test';

// Overridable so two checkouts (git worktrees) can run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4317);
const DATA_DIR = process.env.E2E_DATA_DIR ?? 'test-results/e2e-data';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	reporter: [['list']],
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium: Playwright's own browser download cannot work on these machines.
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// The suite needs the e2e build (with its test hooks); a production build is rebuilt first.
		command: `node tests/e2e/ensure-e2e-build.js && rm -rf ${DATA_DIR} && tsx server/index.ts`,
		url: `http://127.0.0.1:${PORT}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		env: {
			PORT: String(PORT),
			PANORAMA_DATA_DIR: DATA_DIR,
			PANORAMA_CONNECTIONS_PER_MINUTE: '10000',
			// One address (this machine) creates every document of the suite.
			PANORAMA_CREATE_BURST: '10000',
			PANORAMA_INSTANCE_CREATE_BURST: '10000'
		}
	}
});
