import type { DataSource } from 'typeorm';
import { Decimal } from '../../shared/money';
import type { Resolvers } from './generated/graphql';
import { daysBetween } from '../../shared/dates';
import { parseWindow, type Period } from './period';

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
 * by those the bases confirmed), over all facilities: one statement over the window's days
 * of `booked_day_tally`, which a trigger keeps as bookings change (migration
 * 1766200000000): its cost grows with the window's length, not with the bookings.
 */
export async function facilityUsage(db: DataSource, window: Period): Promise<Usage> {
  // Aggregates without GROUP BY: always one row.
  const [row] = await db.query<[{ facilities: number; booked_days: number; confirmed_days: number }]>(
    `SELECT
       (SELECT count(*) FROM pilot_bases.facility)::int AS facilities,
       coalesce(sum(t.booked), 0)::int AS booked_days,
       coalesce(sum(t.confirmed), 0)::int AS confirmed_days
     FROM pilot_bases.booked_day_tally t
     WHERE t.day >= $1::date AND t.day < $2::date`,
    [window.start, window.end],
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
