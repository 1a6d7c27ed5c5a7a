export default {
	// The browser globals are defined only in the VMs of modules that name them.
	absent: () => [typeof globalThis["U" + "RL"], typeof globalThis["nav" + "igator"], typeof globalThis["win" + "dow"]],
};
