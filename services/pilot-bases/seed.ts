import type { DataSource } from 'typeorm';
import { BookingEntity } from './entities/booking.entity';
import { FacilityEntity } from './entities/facility.entity';
import { PilotBaseEntity } from './entities/pilot-base.entity';

/**
 * The two pilot bases the CAS alliance is building (Tengzhou, Shandong and Shangyu, Zhejiang),
 * and two sites central SOEs open to the Central Enterprises consortium. Their facilities
 * and the pilot runs are illustrative.
 */
export const demoBases: PilotBaseEntity[] = [
  {
    id: 'tengzhou',
    name: 'Tengzhou Pilot Transformation Base',
    nameZh: '滕州中试转化基地',
    city: 'Tengzhou',
    province: 'Shandong',
    operatorId: 'levima',
    status: 'OPERATING',
    focusFields: ['advanced polymer materials', 'special chemicals', 'olefins'],
    description:
      "In the Lunan High-tech Industrial Park beside Levima Advanced Materials; included in the first batch of excellent projects of Shandong's major project library for the transformation from old to new kinetic energy.",
    illustrative: false,
  },
  {
    id: 'shangyu',
    name: 'Shangyu Pilot Base',
    nameZh: '上虞中试基地',
    city: 'Shangyu',
    province: 'Zhejiang',
    operatorId: null,
    status: 'UNDER_CONSTRUCTION',
    focusFields: ['fine chemicals', 'pharmaceutical intermediates'],
    description: "The alliance's second pilot base, in Shangyu, Zhejiang.",
    illustrative: false,
  },
  // Central SOEs open their own sites for trials (article 004: "using their power plants to
  // test new photovoltaic technologies", "China Telecom providing 5G networks for AI
  // technology trials"). Which plant and where are illustrative.
  {
    id: 'ningdong-pv-test-site',
    name: 'Ningdong power plant photovoltaic test site',
    nameZh: '宁东电厂光伏实证基地',
    city: 'Lingwu',
    province: 'Ningxia',
    operatorId: 'national-energy-group',
    status: 'OPERATING',
    focusFields: ['photovoltaics', 'grid integration'],
    description:
      'Illustrative: a National Energy Group power plant whose grounds and grid connection the Central Enterprises consortium offers for outdoor trials of new photovoltaic modules.',
    illustrative: true,
  },
  {
    id: 'china-telecom-5g-ai-trials',
    name: 'China Telecom 5G network for AI trials',
    nameZh: '中国电信5G人工智能试验网',
    city: 'Beijing',
    province: 'Beijing',
    operatorId: 'china-telecom',
    status: 'OPERATING',
    focusFields: ['5G', 'artificial intelligence'],
    description:
      "Illustrative: a slice of China Telecom's 5G network the Central Enterprises consortium offers for field trials of AI technologies.",
    illustrative: true,
  },
];

export const demoFacilities: FacilityEntity[] = [
  {
    id: 'tengzhou-olefin-pilot',
    baseId: 'tengzhou',
    name: 'Olefin derivatives pilot line',
    kind: 'production line',
    capabilities: ['olefins', 'polypropylene', 'EVA', 'C08F'],
    capacity: '5000',
    capacityUnit: 'tonnes per year',
    sharing: 'MEMBERS_ONLY',
    dailyRate: '18000.00',
    illustrative: true,
  },
  {
    id: 'tengzhou-analysis-lab',
    baseId: 'tengzhou',
    name: 'Materials analysis laboratory',
    kind: 'analysis lab',
    capabilities: ['polymer characterization', 'film testing'],
    capacity: null,
    capacityUnit: null,
    sharing: 'OPEN',
    dailyRate: '3500.00',
    illustrative: true,
  },
  {
    id: 'shangyu-fine-chem-reactor',
    baseId: 'shangyu',
    name: 'Multi-purpose fine chemicals reactor',
    kind: 'reactor',
    capabilities: ['fine chemicals', 'pharmaceutical intermediates', 'C07D'],
    capacity: '2',
    capacityUnit: 'cubic metres',
    sharing: 'MEMBERS_ONLY',
    dailyRate: '9000.00',
    illustrative: true,
  },
  {
    id: 'ningdong-pv-field',
    baseId: 'ningdong-pv-test-site',
    name: 'Outdoor photovoltaic test field',
    kind: 'test field',
    capabilities: ['photovoltaic modules', 'perovskite', 'outdoor exposure', 'grid connection'],
    capacity: '2',
    capacityUnit: 'megawatts',
    sharing: 'MEMBERS_ONLY',
    dailyRate: '6000.00',
    illustrative: true,
  },
  {
    id: 'china-telecom-5g-slice',
    baseId: 'china-telecom-5g-ai-trials',
    name: '5G network slice with edge computing',
    kind: 'network',
    capabilities: ['5G', 'edge computing', 'AI model trials'],
    capacity: null,
    capacityUnit: null,
    sharing: 'OPEN',
    dailyRate: '2500.00',
    illustrative: true,
  },
];

export const demoBookings: Omit<BookingEntity, 'start' | 'end' | 'requestedAt' | 'updatedAt'>[] = [
  {
    id: 'dmto-olefin-pilot-run',
    facilityId: 'tengzhou-olefin-pilot',
    projectId: 'dmto-industrialization',
    period: '[2026-12-01,2027-03-01)',
    purpose: 'Pilot run of DMTO-derived polyolefin grades (illustrative)',
    status: 'CONFIRMED',
    outcome: null,
    requestedBy: null,
    cancellationReason: null,
    illustrative: true,
  },
  {
    id: 'perovskite-outdoor-trial',
    facilityId: 'ningdong-pv-field',
    projectId: 'consortium-perovskite-field-trial',
    period: '[2027-04-01,2027-10-01)',
    purpose: 'Outdoor trial of perovskite modules through a summer (illustrative)',
    status: 'CONFIRMED',
    outcome: null,
    requestedBy: null,
    cancellationReason: null,
    illustrative: true,
  },
];

/** Inserts the demo bases, facilities and bookings that are missing. */
export async function seedDemoData(db: DataSource): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.createQueryBuilder().insert().into(PilotBaseEntity).values(demoBases).orIgnore().execute();
    await tx.createQueryBuilder().insert().into(FacilityEntity).values(demoFacilities).orIgnore().execute();
    await tx.createQueryBuilder().insert().into(BookingEntity).values(demoBookings).orIgnore().execute();
  });
}
