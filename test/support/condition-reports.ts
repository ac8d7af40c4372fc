import type TestAgent from 'supertest/lib/agent.js';
import { SAMPLE_FILES } from './files.js';
import { runningLease } from './rent.js';
import type { TestTenant } from './test-app.js';

export interface FurnishedLease {
  leaseId: string;
  estateId: string;
  placeId: string;
  rooms: { bedroom: string; kitchen: string };
  equipment: { oven: string; tap: string; intercom: string };
}

/**
 * An ACTIVE lease (since 2020) of a unit with two rooms and equipment at every level: an oven
 * (2014) and a mixer tap (2025) in the kitchen, an intercom on the building (no install date).
 */
export async function furnishedLease(http: TestAgent, tenant: TestTenant, label = 'EDL'): Promise<FurnishedLease> {
  const post = async (path: string, body: object) => (await http.post(path).set(tenant.auth).send(body).expect(201)).body.id as string;
  const { leaseId, estateId } = await runningLease(http, tenant, { start_date: '2020-01-01' }, label);
  const placeId = (await http.get(`/api/estates/${estateId}`).set(tenant.auth).expect(200)).body.place_id as string;
  const bedroom = await post(`/api/places/${placeId}/estates/${estateId}/rooms`, { room_type: 'bedroom', designation: 'Chambre' });
  const kitchen = await post(`/api/places/${placeId}/estates/${estateId}/rooms`, { room_type: 'kitchen', designation: 'Cuisine' });
  const oven = await post('/api/equipment', { name: 'Four', equipment_type: 'oven', room_id: kitchen, installed_at: '2014-03-01' });
  const tap = await post('/api/equipment', { name: 'Mitigeur', equipment_type: 'mitigeur', room_id: kitchen, installed_at: '2025-01-10' });
  const intercom = await post('/api/equipment', { name: 'Interphone', equipment_type: 'intercom', place_id: placeId });
  return { leaseId, estateId, placeId, rooms: { bedroom, kitchen }, equipment: { oven, tap, intercom } };
}

/** A photo of the unit, uploaded as media. */
export async function unitPhoto(http: TestAgent, tenant: TestTenant, estateId: string): Promise<string> {
  const response = await http.post('/api/media').set(tenant.auth).field('entity_type', 'estate').field('entity_id', estateId).attach('file', SAMPLE_FILES.png, 'photo.png').expect(201);
  return response.body.id as string;
}
