/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { DoctorCheck, DoctorHello } from '../../../src-shared/control/doctor-types';
import type { ControlClient } from '../../control-client/control-client';
import { DoctorPage } from './doctor-page';
import { sortDoctorChecks, summarizeDoctor } from './doctor-words';
import { describeHello } from './hello-words';

const check = (id: string, status: DoctorCheck['status']): DoctorCheck => ({ id, title: id, status, explanation: `${id} found`, fix: status === 'ok' ? null : `fix ${id}` });

describe('doctor words', () => {
  it('puts problems first, then warnings, keeping the engine order within each', () => {
    const checks = [check('listener', 'ok'), check('clock', 'warning'), check('reach:a', 'error'), check('usage-db', 'skipped'), check('reach:b', 'error')];
    expect(sortDoctorChecks(checks).map((each) => each.id)).toEqual(['reach:a', 'reach:b', 'clock', 'listener', 'usage-db']);
    expect(summarizeDoctor(checks)).toBe('2 problems, 1 warning.');
    expect(summarizeDoctor([check('listener', 'ok'), check('clock', 'skipped')])).toBe('Everything looks fine.');
  });
});

describe('DoctorPage', () => {
  it('starts with a Run checks button and runs nothing by itself', () => {
    const client = { invoke: vi.fn(), on: vi.fn(), capabilities: {} } as unknown as ControlClient;
    const html = renderToStaticMarkup(<DoctorPage client={client} />);
    expect(html).toContain('<h1');
    expect(html).toContain('Run checks');
    expect(client.invoke).not.toHaveBeenCalled();
    expect(html).toContain('Hello through each account');
  });
});

describe('hello words', () => {
  const hello = (overrides: Partial<DoctorHello>): DoctorHello => ({ account: 'a.json', label: 'a@example.com', provider: 'claude', model: 'claude-haiku-4-5-20251001', ok: true, latencyMs: 412, status: 200, error: null, checkedAt: 1, ...overrides });

  it('gives the latency and model of an answer, the provider\'s own error of a failure', () => {
    expect(describeHello(hello({}))).toEqual({ tone: 'ok', label: 'Answered', sentence: 'Answered in 412 ms (claude-haiku-4-5-20251001).' });
    expect(describeHello(hello({ ok: false, status: 401, error: 'invalid x-api-key' }))).toMatchObject({ tone: 'error', sentence: 'HTTP 401: invalid x-api-key (claude-haiku-4-5-20251001)' });
    expect(describeHello(hello({ ok: false, status: null, latencyMs: null, model: null, error: 'Upstream connection failed: ECONNREFUSED' })).sentence).toBe('Upstream connection failed: ECONNREFUSED');
  });
});
