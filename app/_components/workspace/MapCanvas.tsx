'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { formatClock } from '../../lib/format';
import { useI18n } from '../../lib/i18n/I18nProvider';
import { drawOrder, pointStyles } from '../../lib/workspace/mapColours';
import { mapPoints } from '../../lib/workspace/mapPoints';
import { fitViewport, panBy, screenToData, zoomAt, type MapViewport } from '../../lib/workspace/mapViewport';
import { PointGrid } from '../../lib/workspace/pointGrid';
import { shortLabel } from '../../lib/workspace/topicsInRange';
import type { WorkspaceViewProps } from '../../lib/workspace/WorkspaceView';
import { MapRenderer } from './mapRenderer';

/** How far (CSS pixels) from a point the pointer may be to hover or pick it. */
const PICK_RADIUS = 8;
/** A press that moves less than this is a click, not a drag. */
const CLICK_SLOP = 4;

interface Hover {
  index: number;
  /** Pointer position in the map, CSS pixels (where the tooltip goes). */
  left: number;
  top: number;
}

/**
 * Every clustered message as a point of the analysis' 2-D map, coloured by topic, on a <canvas> (drawn from typed
 * arrays, one frame per requestAnimationFrame at most). Wheel zooms towards the pointer, dragging pans, hovering
 * shows the message (as text), clicking picks its topic; points outside the brushed range fade.
 */
export function MapCanvas({ analysis, selection, onSelect }: WorkspaceViewProps) {
  const { t, number } = useI18n();
  const points = useMemo(() => mapPoints(analysis), [analysis]);
  const grid = useMemo(() => (points ? new PointGrid(points.x, points.y) : null), [points]);
  const styles = useMemo(
    () => (points ? pointStyles(points.topic, points.elapsed, selection) : null),
    [points, selection],
  );
  const order = useMemo(() => (styles ? drawOrder(styles.layer) : null), [styles]);
  const topicsById = useMemo(() => new Map(analysis.topics.map((topic) => [topic.id, topic])), [analysis]);

  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<MapRenderer | null>(null);
  const viewRef = useRef<MapViewport | null>(null);
  const fitRef = useRef<MapViewport | null>(null);
  const sizeRef = useRef({ width: 0, height: 0, dpr: 1 });
  const frameRef = useRef(0);
  const hoveredRef = useRef(-1);
  // The latest drawing inputs, read by the frame callback (so a frame never draws stale data).
  const inputsRef = useRef({ points, styles, order });
  inputsRef.current = { points, styles, order };
  const [hover, setHover] = useState<Hover | null>(null);

  const requestDraw = useCallback(() => {
    if (frameRef.current !== 0) return;
    frameRef.current = requestAnimationFrame(() => {
      frameRef.current = 0;
      const { points: p, styles: s, order: o } = inputsRef.current;
      const renderer = rendererRef.current;
      const view = viewRef.current;
      if (!p || !s || !o || !renderer || !view) return;
      renderer.draw(p, s, o, view, sizeRef.current.dpr, hoveredRef.current);
      canvasRef.current?.setAttribute('data-frames', String(renderer.frames));
    });
  }, []);

  const refit = useCallback(() => {
    const { width, height } = sizeRef.current;
    if (!points || width === 0) return;
    fitRef.current = fitViewport(points.fitBounds, width, height);
    viewRef.current = fitRef.current;
    if (rendererRef.current) rendererRef.current.fitScale = fitRef.current.scale;
    requestDraw();
  }, [points, requestDraw]);

  // Canvas size follows its box (device pixels for a sharp picture); the view is refitted to a new map.
  useEffect(() => {
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    if (!canvas || !wrap || !points) return;
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) return;
    rendererRef.current = new MapRenderer(context);
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const width = Math.max(1, wrap.clientWidth);
      const height = Math.max(1, wrap.clientHeight);
      const previous = sizeRef.current;
      sizeRef.current = { width, height, dpr };
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      if (viewRef.current === null || previous.width === 0) refit();
      else {
        // Keep what the analyst was looking at centred when the box changes size.
        viewRef.current = panBy(viewRef.current, (width - previous.width) / 2, (height - previous.height) / 2);
        requestDraw();
      }
    };
    viewRef.current = null;
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(wrap);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frameRef.current);
      frameRef.current = 0;
    };
  }, [points, refit, requestDraw]);

  useEffect(() => requestDraw(), [styles, requestDraw]);

  // Wheel zoom: a non-passive listener, so the page does not scroll under the map.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      if (!viewRef.current || !fitRef.current) return;
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      viewRef.current = zoomAt(
        viewRef.current,
        e.clientX - rect.left,
        e.clientY - rect.top,
        factor,
        fitRef.current.scale,
      );
      requestDraw();
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [points, requestDraw]);

  const drag = useRef<{ x: number; y: number; startX: number; startY: number; moved: boolean } | null>(null);

  const pick = (clientX: number, clientY: number): Hover | null => {
    const canvas = canvasRef.current;
    const view = viewRef.current;
    if (!canvas || !view || !grid) return null;
    const rect = canvas.getBoundingClientRect();
    const left = clientX - rect.left;
    const top = clientY - rect.top;
    const [dx, dy] = screenToData(view, left, top);
    const index = grid.nearest(dx, dy, PICK_RADIUS / view.scale);
    return index < 0 ? null : { index, left, top };
  };

  const setHovered = (next: Hover | null) => {
    const index = next?.index ?? -1;
    if (index !== hoveredRef.current) {
      hoveredRef.current = index;
      requestDraw();
    }
    setHover(next);
  };

  if (!points || !styles) {
    return (
      <section className="panel ws-map" data-testid="ws-map">
        <h2>{t('ws.map.title')}</h2>
        <p className="muted" data-testid="ws-map-missing">
          {t('ws.map.missing')}
        </p>
      </section>
    );
  }

  const hoveredMessage = hover ? analysis.messages[hover.index] : undefined;
  const hoveredTopic = hoveredMessage ? topicsById.get(hoveredMessage.topic) : undefined;
  return (
    <section className="panel ws-map" data-testid="ws-map">
      <div className="ws-panel-head">
        <h2>{t('ws.map.title')}</h2>
        <span className="muted small">{t('ws.map.points', { count: points.count })}</span>
        <span className="muted small ws-help">{t('ws.map.help')}</span>
        <button type="button" className="small-button" data-testid="ws-map-reset" onClick={refit}>
          {t('ws.map.reset')}
        </button>
      </div>
      <div className="ws-map-wrap" ref={wrapRef} data-export-chart="map">
        <canvas
          ref={canvasRef}
          data-testid="ws-map-canvas"
          role="img"
          aria-label={t('ws.map.aria', { count: number(points.count) })}
          onPointerDown={(e) => {
            // Dragging past the canvas' edge keeps panning. A pointer the browser no longer tracks (a synthetic
            // event) cannot be captured; the drag then ends at the edge, which is harmless.
            try {
              e.currentTarget.setPointerCapture(e.pointerId);
            } catch {
              /* see above */
            }
            drag.current = { x: e.clientX, y: e.clientY, startX: e.clientX, startY: e.clientY, moved: false };
          }}
          onPointerMove={(e) => {
            const d = drag.current;
            if (d) {
              if (Math.hypot(e.clientX - d.startX, e.clientY - d.startY) > CLICK_SLOP) d.moved = true;
              if (d.moved && viewRef.current) {
                viewRef.current = panBy(viewRef.current, e.clientX - d.x, e.clientY - d.y);
                d.x = e.clientX;
                d.y = e.clientY;
                if (hover) setHovered(null);
                requestDraw();
              }
              return;
            }
            setHovered(pick(e.clientX, e.clientY));
          }}
          onPointerUp={(e) => {
            const d = drag.current;
            drag.current = null;
            if (!d || d.moved) return;
            const hit = pick(e.clientX, e.clientY);
            const topic = hit ? analysis.messages[hit.index]!.topic : -1;
            onSelect({ topic: topic >= 0 && topic !== selection.topic ? topic : null });
          }}
          onPointerLeave={() => {
            if (!drag.current) setHovered(null);
          }}
        />
        {hover && hoveredMessage ? (
          <div
            className="ws-tooltip"
            data-testid="ws-map-tooltip"
            data-topic={hoveredMessage.topic}
            style={{
              left: Math.min(hover.left + 14, sizeRef.current.width - 260),
              top: hover.top + 14 > sizeRef.current.height - 90 ? hover.top - 90 : hover.top + 14,
            }}
          >
            <div className="ws-tooltip-meta">
              <span className="mono">{formatClock(hoveredMessage.elapsed)}</span>
              {hoveredMessage.user ? <strong>{hoveredMessage.user}</strong> : null}
            </div>
            <div className="ws-tooltip-text" data-testid="ws-map-tooltip-text">
              {hoveredMessage.text}
            </div>
            <div className="ws-tooltip-topic small">
              {hoveredTopic
                ? t('ws.map.topic', { id: String(hoveredTopic.id), label: shortLabel(hoveredTopic) })
                : t('ws.map.noise')}
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
