// The smart community (R20, R21): devices and their credentials, ingest of device events through MQTT and HTTP,
// alarm rules, alarms and their escalation, and the duty console's live feed.
export { profilesAt, PROFILES_RULE, PRIORITY_TYPES, type DeviceProfile, type AlarmRule, type ProfileSet } from './profiles.ts';
export { severities, alarmStatuses, dutyLevels, type Severity, type AlarmStatus, type DutyLevel } from './schema.ts';
// Hand-over to grid governance: the domain event `smart.alarm_unhandled` (its payload) and clearing from a closed grid event.
export { clearAlarmFrom, HANDOVER_RULE, type AlarmUnhandled } from './handover.ts';
// The escalation clock with `now` passed in (the sweep's work; tests move the clock through it).
export { escalateDue, type Escalation } from './escalation.ts';

// For the lobby information screen (community): today's alarms of a compound, counted by severity.
export { alarmSummaryToday, type AlarmSummary } from './summary.ts';

export { seedSmartDevices } from './seed.ts';
export { Simulator, type SimDevice, type SentEvent, type SimulatorOptions, type SimulatorStats } from './simulator.ts';
export { prepareSimulatedDevices, allSimulatorDevices, SIMULATOR_VENDOR } from './simulator-devices.ts';
export { runSimulation, startDemoSimulator, brokerUrl, type SimulationOptions } from './simulator-run.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { alarmOrderRoutes } from './alarm-orders.routes.ts';
import { alarmsRoutes } from './alarms.routes.ts';
import { brokerSyncHandler, syncBrokerAtStart } from './broker-sync.ts';
import { deviceImportJob } from './devices.import.ts';
import { devicesRoutes } from './devices.routes.ts';
import { escalateAlarmJob, escalationSweep, notifyRaisedJob } from './escalation.ts';
import { clearOnGridClosure } from './grid-link.ts';
import { eventPartitionsSchedule } from './ingest/partitions.ts';
import { ingestRoutes } from './ingest/routes.ts';
import { keypersonPurge } from './keyperson.ts';
export const manifest = defineModule({
  name: 'smart',
  routes: [devicesRoutes, alarmsRoutes, ingestRoutes, alarmOrderRoutes],
  jobs: [deviceImportJob, escalateAlarmJob, notifyRaisedJob],
  handlers: [brokerSyncHandler, clearOnGridClosure],
  onWorkerStart: [syncBrokerAtStart],
  schedules: [{ kind: escalationSweep, cron: '* * * * *' }, { kind: keypersonPurge, cron: '23 3 * * *' }, eventPartitionsSchedule],
});

// The ingest runtime, for the process assembly (src/apps/server.ts).
export { startIngest, runtimeOf, type IngestRuntime } from './ingest/runtime.ts';
// For tests and bench:iot: a real Mosquitto with the devices' credentials, and credentials for devices made in bulk.
export { startMosquitto, type TestMosquitto } from './ingest/testing.ts';
export { newCredentials } from './credentials.ts';
// For passage and parking: passages at gates and barriers as domain events, and retained messages down to devices.
export { PASSAGE_EVENT, type PassageEvent } from './ingest/store.ts';
export { pushToDevices, publishRetained, publishAccount, configTopic, devicesOf, type DevicePush, type Pushed } from './publish.ts';
// Told after every change of who may connect ({deviceIds, change}): a new device's lists can be pushed to it.
export { CREDENTIALS_CHANGED } from './devices.service.ts';
