import { RealtimeError } from '../errors/realtime-error';
import { TypedMessage, type TypedMessageJSON } from './typed-message';

export interface GeoPoint {
  latitude: number;
  longitude: number;
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
    const { latitude, longitude } = this.location;
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      throw new RealtimeError('INVALID_ARGUMENT', 'LocationMessage needs numeric latitude and longitude');
    }
    return { ...super.toJSON(), _lcloc: { longitude, latitude } };
  }

  static override fromJSON(json: TypedMessageJSON): LocationMessage {
    const message = super.fromJSON(json) as LocationMessage;
    message.location = json._lcloc ?? message.location;
    return message;
  }
}
