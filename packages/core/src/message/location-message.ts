import { checkArgument } from '../errors/check-argument';
import { TypedMessage, type TypedMessageJSON } from './typed-message';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A copy of `point` (keys in `_lcloc` order) when both coordinates are finite numbers; else undefined. */
function geoPoint(point?: GeoPoint | null): GeoPoint | undefined {
  const { latitude, longitude } = point ?? ({} as GeoPoint);
  if (Number.isFinite(latitude) && Number.isFinite(longitude)) return { longitude, latitude };
}

/** A location (`_lctype` -5, `_lcloc`). */
export class LocationMessage extends TypedMessage {
  static override readonly type: number = -5;

  constructor(public location: GeoPoint = { latitude: 0, longitude: 0 }, text?: string) {
    super(text);
  }

  getLocation(): GeoPoint {
    return this.location;
  }

  override toJSON(): TypedMessageJSON {
    const location = geoPoint(this.location);
    checkArgument(location, 'Invalid latitude or longitude');
    return { ...super.toJSON(), _lcloc: location };
  }

  static override fromJSON(json: TypedMessageJSON): LocationMessage {
    const message = super.fromJSON(json) as LocationMessage;
    // Only numeric coordinates (JSON has no NaN) replace the default (0, 0).
    message.location = geoPoint(json._lcloc) ?? message.location;
    return message;
  }
}
