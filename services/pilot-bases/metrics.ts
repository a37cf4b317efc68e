import type { DataSource } from 'typeorm';
import { Decimal } from '../../shared/money';
import type { Resolvers } from './generated/graphql';
import { daysBetween } from '../../shared/dates';
import { parseWindow, rangeLiteral, type Period } from './period';

/**
 * The pilot bases' part of the alliance dashboard (`AllianceMetrics`, owned by the
 * alliance subgraph): how much of their facilities' time the bookings take up.
 */

export interface Usage {
  facilities: number;
  bookedDays: number;
  confirmedDays: number;
}

/**
 * Facility-days of the window [from, to) covered by bookings that are not cancelled (and
 * by those the bases confirmed), over all facilities: one aggregate statement.
 */
export async function facilityUsage(db: DataSource, window: Period): Promise<Usage> {
  // Aggregates over one window row, without GROUP BY: always one row.
  const [row] = await db.query<[{ facilities: number; booked_days: number; confirmed_days: number }]>(
    `SELECT
       (SELECT count(*) FROM pilot_bases.facility)::int AS facilities,
       coalesce(sum(upper(b.period * w.range) - lower(b.period * w.range)), 0)::int AS booked_days,
       coalesce(sum(upper(b.period * w.range) - lower(b.period * w.range))
         FILTER (WHERE b.status IN ('CONFIRMED', 'RUNNING', 'COMPLETED')), 0)::int AS confirmed_days
     FROM (SELECT $1::daterange AS range) w
     LEFT JOIN pilot_bases.booking b ON b.period && w.range AND b.status <> 'CANCELLED'`,
    [rangeLiteral(window)],
  );
  return { facilities: row.facilities, bookedDays: row.booked_days, confirmedDays: row.confirmed_days };
}

/** The pilot bases' dashboard figures for one request. */
export class PilotBasesMetrics {
  constructor(private readonly db: DataSource) {}

  facilityUsage(window: Period): Promise<Usage> {
    return facilityUsage(this.db, window);
  }
}

export const metricsResolvers: Resolvers = {
  AllianceMetrics: {
    __resolveReference: (ref) => (ref.id === 'alliance' ? { id: ref.id } : null),
    facilityUtilization: async (_, args, ctx) => {
      const window = parseWindow(args.from, args.to);
      const usage = await ctx.metrics.facilityUsage(window);
      const facilityDays = usage.facilities * daysBetween(window.start, window.end);
      return {
        from: window.start,
        to: window.end,
        ...usage,
        facilityDays,
        rate: facilityDays ? new Decimal(usage.bookedDays).div(facilityDays).toFixed(4) : '0.0000',
      };
    },
  },
};
