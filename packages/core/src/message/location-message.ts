import { RealtimeError } from '../errors/realtime-error';
import { TypedMessage, type TypedMessageJSON } from './typed-message';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** A location (`_lctype` -5, `_lcloc`). */
export class LocationMessage extends TypedMessage {
  static override readonly type: number = -5;
  location: GeoPoint;

  constructor(location: GeoPoint = { latitude: 0, longitude: 0 }, text?: string) {
    super();
    this.location = location;
    if (text !== undefined) this.text = text;
  }

  getLocation(): GeoPoint {
    return this.location;
  }

  override toJSON(): TypedMessageJSON {
    const { latitude, longitude } = this.location ?? ({} as GeoPoint);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      throw new RealtimeError('INVALID_ARGUMENT', 'LocationMessage needs numeric latitude and longitude');
    }
    return { ...super.toJSON(), _lcloc: { longitude, latitude } };
  }

  static override fromJSON(json: TypedMessageJSON): LocationMessage {
    const message = new LocationMessage();
    message.readCommonFields(json);
    const loc = json._lcloc;
    if (loc && typeof loc.latitude === 'number' && typeof loc.longitude === 'number') {
      message.location = { latitude: loc.latitude, longitude: loc.longitude };
    }
    return message;
  }
}
