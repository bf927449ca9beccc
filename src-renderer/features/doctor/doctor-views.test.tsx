/// <reference types="vite/client" />
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { DoctorCheck } from '../../../src-shared/control/doctor-types';
import type { ControlClient } from '../../control-client/control-client';
import { DoctorPage } from './doctor-page';
import { sortDoctorChecks, summarizeDoctor } from './doctor-words';

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
  });
});
